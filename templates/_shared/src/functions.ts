// The functions of this project that the model may call (tools.ts), and how a call of one is run. The model reads
// each one's name, description and JSON schema, and asks for a call with arguments it chose; `run` gets those
// arguments (check them: they come from the model) and returns the text the model reads. Add a function by adding an
// entry.

export interface LocalFunction {
  readonly description: string;
  /** The arguments, as a JSON schema. */
  readonly parameters: Record<string, unknown>;
  run(args: Record<string, unknown>): string | Promise<string>;
}

/** Metres in one of each unit. */
const METRES = { mile: 1609.344, kilometer: 1000, foot: 0.3048, meter: 1 } as const;
type Unit = keyof typeof METRES;
const UNITS = Object.keys(METRES) as Unit[];

const isUnit = (value: unknown): value is Unit => typeof value === "string" && Object.hasOwn(METRES, value);

export const functions: Record<string, LocalFunction> = {
  convert_length: {
    description: "Converts a length from one unit to another.",
    parameters: {
      type: "object",
      properties: {
        value: { type: "number", description: "The length to convert" },
        from: { type: "string", enum: UNITS },
        to: { type: "string", enum: UNITS },
      },
      required: ["value", "from", "to"],
      additionalProperties: false,
    },
    run({ value, from, to }) {
      if (typeof value !== "number" || !Number.isFinite(value) || !isUnit(from) || !isUnit(to)) {
        return `Give value as a number, and from and to as one of: ${UNITS.join(", ")}.`;
      }
      // 12 significant digits: 3 miles are 15840 feet, not 15840.000000000002.
      return String(Number(((value * METRES[from]) / METRES[to]).toPrecision(12)));
    },
  },
};

/**
 * Runs the call the model asked for: `args` is its JSON text. The model reads a message instead of a result when the
 * name or the arguments are wrong, or the function fails.
 */
export async function callFunction(functions: Record<string, LocalFunction>, name: string, args: string): Promise<string> {
  const fn = Object.hasOwn(functions, name) ? functions[name] : undefined;
  if (!fn) return `There is no function named ${name}.`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    return "The arguments are not valid JSON.";
  }
  try {
    return await fn.run(typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {});
  } catch (error) {
    return `The function failed: ${error instanceof Error ? error.message : "an error"}.`;
  }
}
