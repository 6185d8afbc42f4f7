// The part of web-push 3.6 that Charcha uses (the package ships no types).
declare module 'web-push' {
  export interface PushSubscriptionKeys {
    endpoint: string;
    keys: { p256dh: string; auth: string };
  }
  export interface RequestDetails {
    method: string;
    headers: Record<string, string | number>;
    body: Buffer | null;
    endpoint: string;
  }
  export interface RequestOptions {
    vapidDetails?: { subject: string; publicKey: string; privateKey: string };
    headers?: Record<string, string>;
    TTL?: number;
    contentEncoding?: 'aes128gcm' | 'aesgcm';
    urgency?: 'very-low' | 'low' | 'normal' | 'high';
    topic?: string;
  }
  export function generateVAPIDKeys(): { publicKey: string; privateKey: string };
  export function generateRequestDetails(
    subscription: PushSubscriptionKeys,
    payload: string | Buffer | null,
    options: RequestOptions,
  ): RequestDetails;
  export function getVapidHeaders(
    audience: string,
    subject: string,
    publicKey: string,
    privateKey: string,
    contentEncoding: 'aes128gcm',
    expiration: number,
  ): { Authorization: string };
  const webPush: {
    generateVAPIDKeys: typeof generateVAPIDKeys;
    getVapidHeaders: typeof getVapidHeaders;
    generateRequestDetails: typeof generateRequestDetails;
  };
  export default webPush;
}
