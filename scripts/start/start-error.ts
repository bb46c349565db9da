/** Something `npm start` cannot do; the message says what and what to do instead, with no stack trace. */
export class StartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StartError";
  }
}
