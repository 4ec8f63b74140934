// One entry of the finding catalogue (../catalogue.ts).
import type { Level } from '../types.js';

export interface CatalogueEntry {
  /** The levels this code is reported at (e.g. a model name is info once mapped, a warning when not). */
  levels: readonly Level[];
  title: string;
  todo: string;
}
