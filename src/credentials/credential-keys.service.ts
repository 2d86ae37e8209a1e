import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { JWK, JWTPayload, SignJWT } from 'jose';
import { Env } from '../config/env';
import { CredentialsRepository } from './credentials.repository';
import { KeySeal } from './sealed-key';
import { generateSigningKey, importSigningKey, parseConfiguredKey, parseRetiredKeys, SigningKey } from './signing-keys';

/**
 * The key that signs credentials and the keys the JWKS publishes.
 *
 * CREDENTIAL_SIGNING_KEY, when set, signs. Without it the service signs with a key it generated itself and keeps in
 * the database (sealed under JWT_SECRET): generated on the first start, reused by every later start and every
 * instance. The JWKS lists the signing key, every key of CREDENTIAL_RETIRED_KEYS and every key the database ever
 * held, so that credentials signed before a rotation keep verifying.
 */
@Injectable()
export class CredentialKeys implements OnModuleInit {
  private readonly logger = new Logger(CredentialKeys.name);
  private readonly seal: KeySeal;
  private signing!: SigningKey;
  private published: JWK[] = [];

  constructor(
    private readonly env: Env,
    private readonly repository: CredentialsRepository,
  ) {
    this.seal = new KeySeal(env.JWT_SECRET!);
  }

  async onModuleInit(): Promise<void> {
    const retired = this.env.CREDENTIAL_RETIRED_KEYS ? await parseRetiredKeys(this.env.CREDENTIAL_RETIRED_KEYS) : [];
    this.signing = this.env.CREDENTIAL_SIGNING_KEY
      ? await parseConfiguredKey(this.env.CREDENTIAL_SIGNING_KEY)
      : await this.storedOrNewKey();
    const stored = (await this.repository.storedKeys()).map((row) => row.publicJwk as JWK);
    const byKid = new Map<string, JWK>();
    for (const jwk of [this.signing.publicJwk, ...retired, ...stored]) {
      if (!byKid.has(jwk.kid!)) {
        byKid.set(jwk.kid!, jwk);
      }
    }
    this.published = [...byKid.values()];
  }

  get kid(): string {
    return this.signing.kid;
  }

  jwks(): { keys: JWK[] } {
    return { keys: this.published };
  }

  /** A compact JWS of the credential (the payload is the credential itself, with the matching JWT claims). */
  sign(payload: JWTPayload): Promise<string> {
    return new SignJWT(payload)
      .setProtectedHeader({ alg: this.signing.alg, kid: this.signing.kid, typ: 'vc+jwt', cty: 'vc' })
      .sign(this.signing.privateKey);
  }

  private storedOrNewKey(): Promise<SigningKey> {
    return this.repository.transaction(async (m) => {
      await this.repository.lockKeys(m);
      for (const row of await this.repository.storedKeys(m)) {
        const opened = this.seal.open(row.sealedPrivateJwk);
        if (opened !== null) {
          return importSigningKey(JSON.parse(opened) as JWK);
        }
      }
      const { key, privateJwk } = await generateSigningKey();
      await this.repository.storeKey(m, key.kid, key.publicJwk, this.seal.seal(JSON.stringify(privateJwk)));
      this.logger.log(
        `Generated credential signing key ${key.kid} and stored it in the database; set CREDENTIAL_SIGNING_KEY to sign with a key of your own.`,
      );
      return key;
    });
  }
}
