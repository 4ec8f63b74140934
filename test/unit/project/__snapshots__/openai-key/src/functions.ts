// The functions the model may call (tools.ts): `run` gets the arguments the model chose and returns what it reads.
export interface LocalFunction {
  readonly description: string;
  readonly parameters: Record<string, unknown>; // a JSON schema
  run(args: Record<string, unknown>): string | Promise<string>;
}

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
      const [a, b] = [from, to].map((unit) => (typeof unit === "string" && Object.hasOwn(METRES, unit) ? METRES[unit] : undefined));
      if (typeof value !== "number" || !Number.isFinite(value) || !a || !b) return `Give value as a number, and from and to as one of: ${UNITS.join(", ")}.`;
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
    return await fn.run(Object(JSON.parse(args))); // JSON that is not an object gives no arguments
  } catch (error) {
    return `The function failed: ${error instanceof Error ? error.message : "an error"}.`;
  }
}
