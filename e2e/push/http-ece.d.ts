// The part of http_ece 1.2 (a dependency of web-push) the mock push service uses; it ships no types.
declare module 'http_ece' {
  import type { ECDH } from 'node:crypto';
  export interface DecryptParams {
    version: 'aes128gcm';
    privateKey: ECDH;
    authSecret: string;
  }
  export function decrypt(buffer: Buffer, params: DecryptParams): Buffer;
  const ece: { decrypt: typeof decrypt };
  export default ece;
}
