/**
 * A public route: API Gateway invokes the integration without an authorizer. It must be asked for by
 * name, so that leaving out an authorizer by mistake is an error rather than an open route.
 */
export const Authorization = {
  NONE: "NONE",
} as const;

/** {@link Authorization.NONE}. */
export type NoAuthorization = (typeof Authorization)["NONE"];
