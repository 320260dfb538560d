// Selector lists in forms: one matchLabels selector as `key=value` text; anything richer is kept
// from the stored object untouched and can be edited in the YAML view.
import type { LabelSelector } from '../../api/types';
import { selectorsEditable, selectorsFromText, selectorsToText } from './values';

export interface SelectorValue {
  text: string;
  /** False when the stored selectors are more than the text can express. */
  editable: boolean;
}

export function selectorValue(selectors: LabelSelector[] | undefined): SelectorValue {
  const editable = selectorsEditable(selectors);
  return { text: editable ? selectorsToText(selectors) : '', editable };
}

export function selectorsOf(
  v: SelectorValue,
  stored: LabelSelector[] | undefined,
): LabelSelector[] | undefined {
  return v.editable ? selectorsFromText(v.text) : stored;
}
