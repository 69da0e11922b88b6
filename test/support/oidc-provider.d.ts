// oidc-provider (a dev dependency, for the single sign-on test) ships no types: the little the test uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  export interface KoaContextWithOIDC {
    oidc: {
      provider: {
        Grant: new (a: {
          clientId: string;
          accountId: string;
        }) => { addOIDCScope(s: string): void; save(): Promise<string> };
      };
      client?: { clientId: string };
      session?: { accountId?: string };
    };
  }
  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
}
