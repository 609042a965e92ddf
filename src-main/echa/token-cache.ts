// One JWT per batch of calls (spec 3.2): the cached token is reused until it nears expiry. Concurrent
// callers share one signing; invalidate() (key replaced, token refused) makes the next call re-sign,
// and a signing that was in flight when invalidate() ran is not cached.
import { needsRenewal, type SignedToken } from './jwt';
import { ok, type EchaResult } from './result';

export class TokenCache {
  #current: SignedToken | null = null;
  #pending: Promise<EchaResult<SignedToken>> | null = null;
  #generation = 0;
  readonly #mint: (nowMs: number) => Promise<EchaResult<SignedToken>>;
  readonly #now: () => number;
  readonly #lifetimeSec: number | null;

  constructor(mint: (nowMs: number) => Promise<EchaResult<SignedToken>>, now: () => number, lifetimeSec: number | null) {
    this.#mint = mint;
    this.#now = now;
    this.#lifetimeSec = lifetimeSec;
  }

  async get(): Promise<EchaResult<string>> {
    const current = this.#current;
    if (current && !needsRenewal(current, this.#lifetimeSec, this.#now())) return ok(current.token);
    if (!this.#pending) {
      const generation = this.#generation;
      this.#pending = this.#mint(this.#now()).then(
        (result) => {
          if (generation === this.#generation) {
            this.#pending = null;
            if (result.ok) this.#current = result.value;
          }
          return result;
        },
        (error: unknown) => {
          if (generation === this.#generation) this.#pending = null;
          throw error;
        },
      );
    }
    const result = await this.#pending;
    return result.ok ? ok(result.value.token) : result;
  }

  invalidate(): void {
    this.#generation += 1;
    this.#current = null;
    this.#pending = null;
  }
}
