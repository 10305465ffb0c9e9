/** @module What the tokens module's handlers receive: the request plus this module's services. */
import { implementer } from '@platform/kit';
import type { OpenTrainContext, PlatformServices } from '../platform/context';
import type { TokensService } from './tokens-service';

export type TokensServices = PlatformServices & { tokens: TokensService };
export type TokensContext = OpenTrainContext<TokensServices>;
export const implementTokens = implementer<TokensContext>();
