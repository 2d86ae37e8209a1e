declare module 'autocannon' {
  interface Histogram {
    average: number;
    p50: number;
    p99: number;
    total: number;
  }
  interface Options {
    url: string;
    connections: number;
    duration: number;
    requests?: { setupRequest?: (request: { path: string }) => { path: string } }[];
  }
  interface Result {
    requests: Histogram;
    latency: Histogram;
    non2xx: number;
    errors: number;
    timeouts: number;
    duration: number;
  }
  interface Instance extends PromiseLike<Result> {
    on(event: 'response', listener: () => void): Instance;
  }
  function autocannon(options: Options): Instance;
  export = autocannon;
}
