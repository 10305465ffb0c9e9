#!/usr/bin/env node
// trainar-device: a simulator of TrainAR glasses (pairs, runs sessions over the device API). The
// sources are TypeScript, loaded through tsx (a root devDependency), like trainar-admin.
import { register } from 'tsx/esm/api';

register();
await import('../src/simulator/main.ts');
