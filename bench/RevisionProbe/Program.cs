using System.Globalization;
using System.Text.Json;
using Sharpgrad;
using Sharpgrad.RevisionProbe;

// Usage: RevisionProbe WORKLOAD [--threads N] [--blocks B] [--warmup-seconds S] [--quiet-seconds Q]
//                     [--paired WAIT_FIFO PASS_FIFO READY_FIFO]
// Prints one JSON line: the per-block wall and CPU times of one process. bench/compare_probe.sh runs it for two
// revisions, taking turns block by block (--paired) or alternating whole processes, and summarises.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine($"usage: RevisionProbe {{{string.Join('|', ProbeWorkload.Names)}}} [--threads N] [--blocks B] [--warmup-seconds S] [--quiet-seconds Q] [--paired WAIT_FIFO PASS_FIFO READY_FIFO]");
    return args.Length == 0 ? 2 : 0;
}
int threads = 1, blocks = 30;
double warmup = 3, quiet = 1;
PairedTurns? turns = null;
for (int i = 1; i < args.Length; i += 2)
{
    if (args[i] == "--paired" && i + 3 < args.Length)
    {
        turns = new PairedTurns(args[i + 1], args[i + 2], args[i + 3]);
        i += 2;
        continue;
    }
    string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"RevisionProbe: option '{args[i]}' needs a value");
    switch (args[i])
    {
        case "--threads": threads = int.Parse(value); break;
        case "--blocks": blocks = int.Parse(value); break;
        case "--warmup-seconds": warmup = double.Parse(value, CultureInfo.InvariantCulture); break;
        case "--quiet-seconds": quiet = double.Parse(value, CultureInfo.InvariantCulture); break;
        default: throw new ArgumentException($"RevisionProbe: unknown option '{args[i]}'");
    }
}

Threads.Count = threads;
var workload = ProbeWorkload.Create(args[0]);
var warm = BlockTimer.WarmUp(workload, warmup, quiet, maxSeconds: Math.Max(warmup, 30));
turns?.SignalReady();
var timed = BlockTimer.Run(workload, blocks, turns);
turns?.Dispose();
Console.WriteLine(JsonSerializer.Serialize(new
{
    workload = workload.Name,
    unit = workload.Unit,
    threads,
    paired = turns is not null,
    ops_per_block = workload.OpsPerBlock,
    warmup_seconds = Math.Round(warm.Seconds, 2),
    warmup_settled = warm.Settled,
    methods_compiled_in_warmup = warm.MethodsCompiled,
    wall = timed.Select(b => Math.Round(b.WallMicros, 4)),
    cpu = timed.Select(b => Math.Round(b.CpuMicros, 4)),
    bytes_per_op = Math.Round(timed.Average(b => b.BytesPerOp), 1),
    gen0_per_block = timed.Select(b => b.Gen0Collections),
    methods_compiled_in_blocks = timed.Sum(b => b.MethodsCompiled),
}));
return 0;
