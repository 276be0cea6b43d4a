// The harness lives in the CLI (src/Sharpgrad.Cli/Bench), so that the `sharpgrad` tool depends on no bench project;
// this executable keeps the name docs/performance.md and bench/compare.sh use.
return Sharpgrad.Cli.Bench.BenchProgram.Run(args, Console.Out);
