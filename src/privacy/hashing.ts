import { hash, verify } from '@node-rs/argon2'

// Algorithm.Argon2id; the package exports it as a const enum, which isolated modules cannot read.
const ARGON2ID = 2

export interface HashParams {
  memoryCost: number
  timeCost: number
}

/** Argon2id with a server-side pepper, for staff passwords and patron PINs alike. */
export class SecretHasher {
  private readonly dummy: Promise<string>
  constructor(
    private readonly pepper: Buffer,
    private readonly params: HashParams,
  ) {
    this.dummy = this.hash('carrel-timing-equaliser')
  }

  hash(secret: string): Promise<string> {
    return hash(secret, {
      algorithm: ARGON2ID,
      ...this.params,
      parallelism: 1,
      secret: this.pepper,
    })
  }

  async verify(stored: string, secret: string): Promise<boolean> {
    try {
      return await verify(stored, secret, { secret: this.pepper })
    } catch {
      return false
    }
  }

  /** Spends the same effort as a real check, so an unknown account answers as slowly as a wrong secret. */
  async verifyNothing(secret: string): Promise<false> {
    await this.verify(await this.dummy, secret)
    return false
  }
}
