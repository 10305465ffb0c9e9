/** @module The tokens module: API tokens (mint, lineage, revoke) and the `/tokens` handlers. It needs no other module. */
import type { PlatformServices } from '../platform/context';
import type { OpenTrainModule } from '../platform/module';
import type { TokensServices } from './context';
import { tokenOperations } from './operations';
import { TokensService } from './tokens-service';

export function createTokensModule(platform: PlatformServices): OpenTrainModule<TokensServices> {
  const services = { ...platform, tokens: new TokensService(platform.db, platform.clock, platform.limiter, platform.limits) };
  return { name: 'tokens', services, implementations: tokenOperations };
}
