import type { Rule } from 'eslint';

export const ALLOWED: Record<'api' | 'k8s' | 'backend' | 'speaker' | 'frontend', string[]>;
export const layersRule: Rule.RuleModule;
