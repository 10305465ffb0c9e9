/** @module What the step-up module needs from the modules before it. */
import type { TokensService } from '../tokens';

export interface StepUpPorts {
  /** Grants land on the requesting token itself. */
  tokens: TokensService;
}
