#!/usr/bin/env node
// trainar-admin: TrainAR's operator CLI. The sources are TypeScript, loaded through tsx (a root
// devDependency, resolved from this file's location so the command works from any directory).
import { register } from 'tsx/esm/api';

register();
await import('../src/admin/main.ts');
