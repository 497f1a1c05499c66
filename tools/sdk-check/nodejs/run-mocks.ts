// Runs program.ts under Pulumi mocks and writes one JSON line per registered resource (type,
// name, inputs) to the file named by HUBSPOKE_REGISTRATIONS. Every resource's state is its inputs
// plus the fixed outputs in HUBSPOKE_MOCK_OUTPUTS, so components can be wired together.
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";

function env(name: string): string {
    const value = process.env[name];
    if (!value) {
        throw new Error(`${name} is not set`);
    }
    return value;
}

const registrations = env("HUBSPOKE_REGISTRATIONS");
const mockOutputs: Record<string, unknown> = JSON.parse(fs.readFileSync(env("HUBSPOKE_MOCK_OUTPUTS"), "utf8"));

pulumi.runtime.setMocks(
    {
        newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } {
            fs.appendFileSync(registrations, JSON.stringify({ type: args.type, name: args.name, inputs: args.inputs }) + "\n");
            return { id: `${args.name}-id`, state: { ...args.inputs, ...mockOutputs } };
        },
        call(): Record<string, unknown> {
            return {};
        },
    },
    "sdk-check",
    "test",
    false,
);

async function run(): Promise<void> {
    // The mocks must be in place before the program creates a resource.
    const program = await import("./program");
    const resources = program.main();
    await Promise.all(resources.map((resource) => new Promise((resolve) => resource.urn.apply(resolve))));
}

run().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
});
