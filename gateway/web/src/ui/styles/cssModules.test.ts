/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Vitest hands out a made-up name for any key of a CSS module, so a typo in `styles.foo` would pass every other
// test. These checks read the sources instead. Paths are relative to this folder (src/ui/styles).
const here = import.meta.dirname;
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
const read = (pattern: RegExp) =>
  Object.fromEntries(
    files(join(here, '../..'))
      .filter((file) => pattern.test(file))
      .map((file) => [relative(here, file).replace(/^(?!\.)/, './'), readFileSync(file, 'utf8')]),
  );
const sources = read(/(?<!\.test)\.tsx?$/);
const sheets = read(/\.module\.css$/);

/** The local class names a module defines (not those inside `:global(...)`). */
function classesOf(css: string): Set<string> {
  const bare = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/:global\([^)]*\)/g, '');
  return new Set([...bare.matchAll(/\.([a-zA-Z_][\w-]*)/g)].map((m) => m[1]));
}

function resolve(from: string, relative: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const part of relative.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  return parts.join('/');
}

describe('CSS modules', () => {
  it('define every class a component reads from them', () => {
    const missing: string[] = [];
    for (const [file, source] of Object.entries(sources)) {
      for (const [, name, path] of source.matchAll(/import (\w+) from '(\.[^']+\.module\.css)';/g)) {
        const sheet = resolve(file, path);
        const defined = classesOf(sheets[sheet] ?? '');
        for (const [, used] of source.matchAll(new RegExp(`\\b${name}\\.(\\w+)`, 'g'))) {
          if (!defined.has(used)) missing.push(`${file}: ${name}.${used} (${sheet})`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('have no class that nothing uses', () => {
    const all = Object.values(sources).join('\n');
    const unused: string[] = [];
    for (const [sheet, css] of Object.entries(sheets)) {
      for (const name of classesOf(css)) {
        if (!new RegExp(`[.'"]${name}\\b`).test(all)) unused.push(`${sheet}: .${name}`);
      }
    }
    expect(unused).toEqual([]);
  });

  it('give the shared helpers every variant they offer', () => {
    const classes = sources['./classes.ts'];
    const variants = (type: string) =>
      [...new RegExp(`type ${type} = ([^;]+);`).exec(classes)![1].matchAll(/'(\w+)'/g)].map((m) => m[1]);
    const button = classesOf(sheets['./button.module.css']);
    const alert = classesOf(sheets['./alert.module.css']);
    expect(variants('ButtonVariant').filter((v) => !button.has(v))).toEqual([]);
    expect(variants('AlertKind').filter((v) => !alert.has(v))).toEqual([]);
    const text = classesOf(sheets['./text.module.css']);
    const panel = classesOf(sheets['./panel.module.css']);
    const misused = Object.entries(sources).flatMap(([file, source]) =>
      [...source.matchAll(/\b(text|panel)\.(\w+)\b/g)]
        .filter(([, helper, name]) => !(helper === 'text' ? text : panel).has(name))
        .filter(() => /from '[./]*ui\/classes'|from '\.\/classes'/.test(source))
        .map(([match]) => `${file}: ${match}`),
    );
    expect(misused).toEqual([]);
  });
});
