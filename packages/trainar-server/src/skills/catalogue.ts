/**
 * @module The built-in skills every tenant has: the two system skills (spec 2.7: hidden from
 * lists unless asked for, never removable) and the platform catalogue of the Parts & Spares
 * Marketplace bundle (read-only). They live in code with fixed ids, so `get_skill` and the
 * execution log can name them without a row per tenant.
 */
import type { Skill } from '@trainar/api';

export const SYSTEM_SKILL_NAMES = ['search_knowledge', 'capture_camera'] as const;
export type SystemSkillName = (typeof SYSTEM_SKILL_NAMES)[number];

const PARTS_BUNDLE = 'Parts & Spares';

interface Builtin {
  id: string;
  tier: 'system' | 'platform';
  name: string;
  display_name: string;
  description: string;
  parameters_schema: Record<string, unknown>;
  response_target?: Skill['response_target'];
  display_hint?: Skill['display_hint'];
  capture_frame_on_execute?: boolean;
}

const obj = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', properties, required, additionalProperties: false });
const str = (description: string) => ({ type: 'string', minLength: 1, description });

const BUILTINS: Builtin[] = [
  {
    id: '5a5e0000-0000-4000-8000-000000000001',
    tier: 'system',
    name: 'search_knowledge',
    display_name: 'Search knowledge',
    description: "Search the tenant's knowledge (manuals, procedures, documents) for passages that answer a question.",
    parameters_schema: obj({ query: str('What to look for'), limit: { type: 'integer', minimum: 1, maximum: 20, description: 'Passages to return (default 5)' } }, ['query']),
  },
  {
    id: '5a5e0000-0000-4000-8000-000000000002',
    tier: 'system',
    name: 'capture_camera',
    display_name: 'Capture camera',
    description: "Capture a frame from the wearer's glasses camera so the AI can look at what they see.",
    parameters_schema: obj({}),
    capture_frame_on_execute: true,
  },
  {
    id: '9a7f0000-0000-4000-8000-000000000001',
    tier: 'platform',
    name: 'pa_identify_model',
    display_name: 'Identify appliance model',
    description: 'Identify an appliance make and model from a rating-plate reading or a captured frame.',
    parameters_schema: obj({ rating_plate_text: str('Text read from the rating plate') }),
    capture_frame_on_execute: true,
  },
  {
    id: '9a7f0000-0000-4000-8000-000000000002',
    tier: 'platform',
    name: 'pa_get_parts_list_for_model',
    display_name: 'Parts list for a model',
    description: 'List the spare parts of an identified appliance model.',
    parameters_schema: obj({ model_id: str('Model id from pa_identify_model') }, ['model_id']),
  },
  {
    id: '9a7f0000-0000-4000-8000-000000000003',
    tier: 'platform',
    name: 'pa_search_parts',
    display_name: 'Search parts',
    description: 'Search spare parts by name, part number or description, optionally within one model.',
    parameters_schema: obj({ query: str('Part name, number or description'), model_id: str('Limit to this model') }, ['query']),
  },
  {
    id: '9a7f0000-0000-4000-8000-000000000004',
    tier: 'platform',
    name: 'pa_show_manual_page',
    display_name: 'Show manual page',
    description: "Show a page of the model's service manual on the glasses.",
    parameters_schema: obj({ model_id: str('Model id'), page: { type: 'integer', minimum: 1, description: 'Page number' } }, ['model_id']),
    response_target: 'display',
    display_hint: 'fullscreen',
  },
  {
    id: '9a7f0000-0000-4000-8000-000000000005',
    tier: 'platform',
    name: 'pa_show_exploded_view',
    display_name: 'Show exploded view',
    description: 'Show the exploded-view diagram of a model or assembly on the glasses.',
    parameters_schema: obj({ model_id: str('Model id'), assembly: str('Assembly name') }, ['model_id']),
    response_target: 'display',
    display_hint: 'fullscreen',
  },
];

function present(b: Builtin): Skill {
  return {
    id: b.id,
    tier: b.tier,
    read_only: true,
    bundle: b.tier === 'platform' ? PARTS_BUNDLE : null,
    name: b.name,
    name_locked: true,
    display_name: b.display_name,
    description: b.description,
    parameters_schema: b.parameters_schema,
    parameter_count: Object.keys((b.parameters_schema.properties as object) ?? {}).length,
    webhook_url: null,
    http_method: 'POST',
    auth_header: null,
    timeout_ms: 30_000,
    execution_mode: 'direct',
    ai_instructions: null,
    response_target: b.response_target ?? 'context',
    display_hint: b.display_hint ?? null,
    response_scheduling: null,
    capture_frame_on_execute: b.capture_frame_on_execute ?? false,
    available_to_roles: 'all',
    is_active: true,
    folder: null,
    last_executed_at: null,
    created_at: null,
    updated_at: null,
  };
}

export const BUILTIN_SKILLS: readonly Skill[] = BUILTINS.map(present);

export const builtinById = (id: string): Skill | undefined => BUILTIN_SKILLS.find((s) => s.id === id);

/** Names a tenant skill may not take: the AI calls skills by name, so built-ins must stay unambiguous. */
export const RESERVED_SKILL_NAMES: ReadonlySet<string> = new Set(BUILTIN_SKILLS.map((s) => s.name));

export const isSystemSkillName = (name: string): name is SystemSkillName => (SYSTEM_SKILL_NAMES as readonly string[]).includes(name);
