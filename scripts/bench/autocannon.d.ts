/** The part of autocannon 9's programmatic API the benchmark uses (the package ships no types). */
declare module "autocannon" {
  namespace autocannon {
    interface Histogram {
      readonly average: number;
      readonly p50: number;
      readonly p99: number;
      readonly max: number;
    }
    interface Result {
      readonly requests: Histogram & { readonly total: number };
      readonly latency: Histogram;
      readonly errors: number;
      readonly timeouts: number;
      readonly non2xx: number;
      readonly statusCodeStats: Readonly<Record<string, { readonly count: number }>>;
    }
    interface RequestParams {
      readonly method?: string;
      readonly path?: string;
      readonly headers?: Readonly<Record<string, string>>;
    }
    interface RequestSpec {
      readonly setupRequest?: (request: RequestParams) => RequestParams;
    }
    interface Options {
      readonly requests?: readonly RequestSpec[];
      readonly url: string;
      readonly connections?: number;
      readonly pipelining?: number;
      readonly duration?: number;
      readonly headers?: Readonly<Record<string, string>>;
    }
  }
  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  export = autocannon;
}
