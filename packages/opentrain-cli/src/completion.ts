/**
 * @module `opentrain completion bash|zsh|fish`: a completion script generated from the command tree,
 * so every derived command and flag completes without a hand-kept list. Each script walks the words
 * typed so far down the tree (skipping flags and their values) and offers that node's subcommands
 * and flags; values of `--…-file` flags complete as file names.
 */
import type { Command } from 'commander';

interface Node {
  path: string;
  subcommands: Array<{ name: string; description: string }>;
  flags: Array<{ name: string; description: string }>;
}

function collect(cmd: Command, path: string, globals: Node['flags'], out: Node[]): void {
  const own = cmd.options.filter((o) => !o.hidden && o.long).map((o) => ({ name: o.long as string, description: o.description }));
  const subcommands = cmd.commands.map((c) => ({
    name: c.name(),
    description: c.description(),
  }));
  out.push({
    path,
    subcommands,
    flags: [...own, ...(path ? globals : []), { name: '--help', description: 'show help' }],
  });
  for (const sub of cmd.commands) collect(sub, path ? `${path} ${sub.name()}` : sub.name(), globals, out);
}

export function commandTree(program: Command): Node[] {
  const globals = program.options.filter((o) => !o.hidden && o.long && o.long !== '--version').map((o) => ({ name: o.long as string, description: o.description }));
  const nodes: Node[] = [];
  collect(program, '', globals, nodes);
  return nodes;
}

const groups = (nodes: Node[]) => nodes.filter((n) => n.path && n.subcommands.length > 0).map((n) => n.path);
const quoteSh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

export function bashScript(name: string, nodes: Node[]): string {
  const fn = `_${name.replace(/\W/g, '_')}`;
  const candidates = nodes.map((n) => `    ${quoteSh(n.path)}) words=${quoteSh([...n.subcommands.map((s) => s.name), ...n.flags.map((f) => f.name)].join(' '))} ;;`).join('\n');
  const known = nodes
    .filter((n) => n.path)
    .map((n) => quoteSh(n.path))
    .join('|');
  return `# ${name} bash completion. Load with: source <(${name} completion bash)
${fn}() {
  local cur prev cmdpath="" w i words=""
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [[ "$prev" == --*-file ]]; then COMPREPLY=( $(compgen -f -- "$cur") ); return 0; fi
  for ((i=1; i<COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    [[ "$w" == -* ]] && continue
    case "\${cmdpath:+$cmdpath }$w" in
      ${known || "''"}) cmdpath="\${cmdpath:+$cmdpath }$w" ;;
    esac
  done
  case "$cmdpath" in
${candidates}
  esac
  COMPREPLY=( $(compgen -W "$words" -- "$cur") )
}
complete -o default -F ${fn} ${name}
`;
}

export function zshScript(name: string, nodes: Node[]): string {
  const fn = `_${name.replace(/\W/g, '_')}`;
  const esc = (s: string) => oneLine(s).replace(/\\/g, '\\\\').replace(/:/g, '\\:').replace(/'/g, `'\\''`);
  const candidates = nodes.map((n) => `    (${n.path ? quoteSh(n.path) : "''"}) cands=(${[...n.subcommands, ...n.flags].map((c) => `'${esc(c.name)}:${esc(c.description || c.name)}'`).join(' ')}) ;;`).join('\n');
  const known = nodes
    .filter((n) => n.path)
    .map((n) => quoteSh(n.path))
    .join('|');
  return `#compdef ${name}
# ${name} zsh completion. Load with: source <(${name} completion zsh)
${fn}() {
  local cmdpath="" w i
  local -a cands
  if [[ \${words[CURRENT-1]} == --*-file ]]; then _files; return; fi
  for ((i=2; i<CURRENT; i++)); do
    w=\${words[i]}
    [[ $w == -* ]] && continue
    case "\${cmdpath:+$cmdpath }$w" in
      (${known || "''"}) cmdpath="\${cmdpath:+$cmdpath }$w" ;;
    esac
  done
  case "$cmdpath" in
${candidates}
  esac
  _describe -t commands '${name}' cands
}
if (( $+functions[compdef] )); then compdef ${fn} ${name}; else autoload -U compinit && compinit && compdef ${fn} ${name}; fi
`;
}

export function fishScript(name: string, nodes: Node[]): string {
  const fn = `__${name.replace(/\W/g, '_')}_path`;
  const esc = (s: string) => oneLine(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'");
  const lines = [
    `# ${name} fish completion. Load with: ${name} completion fish | source`,
    `function ${fn}`,
    `    set -l groups ${groups(nodes)
      .map((g) => `'${esc(g)}'`)
      .join(' ')}`,
    `    set -l leaves ${nodes
      .filter((n) => n.path && n.subcommands.length === 0)
      .map((n) => `'${esc(n.path)}'`)
      .join(' ')}`,
    '    set -l p ""',
    '    for w in (commandline -opc)[2..-1]',
    "        string match -q -- '-*' $w; and continue",
    '        set -l next (string trim -- "$p $w")',
    '        if contains -- $next $groups; or contains -- $next $leaves',
    '            set p $next',
    '        end',
    '    end',
    '    test -n "$p"; and echo $p; or echo root',
    'end',
    `complete -c ${name} -f`,
    `complete -c ${name} -n 'string match -q -- "--*-file" (commandline -opc)[-1]' -F`,
  ];
  for (const n of nodes) {
    const cond = `test (${fn}) = '${esc(n.path || 'root')}'`;
    for (const s of n.subcommands) lines.push(`complete -c ${name} -n "${cond}" -a '${esc(s.name)}' -d '${esc(s.description)}'`);
    for (const f of n.flags) lines.push(`complete -c ${name} -n "${cond}" -l '${esc(f.name.replace(/^--/, ''))}' -d '${esc(f.description)}'`);
  }
  return `${lines.join('\n')}\n`;
}

export const SHELLS = ['bash', 'zsh', 'fish'] as const;

export function completionScript(shell: (typeof SHELLS)[number], name: string, program: Command): string {
  const nodes = commandTree(program);
  if (shell === 'bash') return bashScript(name, nodes);
  if (shell === 'zsh') return zshScript(name, nodes);
  return fishScript(name, nodes);
}
