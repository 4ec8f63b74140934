// The functions of this project that the model may call (tools.ts): each one's description and JSON schema tell the
// model what it does; `run` gets the arguments the model chose (check them) and returns the text the model reads.

export interface LocalFunction {
  readonly description: string;
  /** The arguments, as a JSON schema. */
  readonly parameters: Record<string, unknown>;
  run(args: Record<string, unknown>): string | Promise<string>;
}

/** Metres in one of each unit. */
const METRES: Record<string, number> = { mile: 1609.344, kilometer: 1000, foot: 0.3048, meter: 1 };
const UNITS = Object.keys(METRES);

export const functions: Record<string, LocalFunction> = {
  convert_length: {
    description: "Converts a length from one unit to another.",
    parameters: {
      type: "object",
      properties: { value: { type: "number" }, from: { type: "string", enum: UNITS }, to: { type: "string", enum: UNITS } },
      required: ["value", "from", "to"],
      additionalProperties: false,
    },
    run({ value, from, to }) {
      const unit = (name: unknown) => (typeof name === "string" && Object.hasOwn(METRES, name) ? METRES[name] : undefined);
      const [a, b] = [unit(from), unit(to)];
      if (typeof value !== "number" || !Number.isFinite(value) || !a || !b) {
        return `Give value as a number, and from and to as one of: ${UNITS.join(", ")}.`;
      }
      // 12 significant digits: 3 miles are 15840 feet, not 15840.000000000002.
      return String(Number(((value * a) / b).toPrecision(12)));
    },
  },
};

/** Runs a call the model asked for (`args` is JSON text): a wrong name, bad JSON or a failure is said in words. */
export async function callFunction(functions: Record<string, LocalFunction>, name: string, args: string): Promise<string> {
  const fn = Object.hasOwn(functions, name) ? functions[name] : undefined;
  if (!fn) return `There is no function named ${name}.`;
  try {
    const parsed: unknown = JSON.parse(args);
    return await fn.run(typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {});
  } catch (error) {
    return `The function failed: ${error instanceof Error ? error.message : "an error"}.`;
  }
}
