using Sharpgrad.NN.Memory;

namespace Sharpgrad.Tests.OpTable;

// The memory networks' addressing and access (issue #14) as functions of unconstrained inputs, squashed into their
// domains the way the modules squash the interface vector (softmax weightings, sigmoid gates, γ = 1 + softplus), so the
// sweep checks each piece to second order. The NTM and DNC modules are these pieces plus LSTMCell and Linear, which have
// their own entries; MemoryModuleTests checks one whole step of each to first order. Allocation gets distinct usages
// (the sort must not reorder under the finite differences).
public static partial class OpTable
{
    [OpEntries]
    private static IEnumerable<OpInfo> Memory() =>
    [
        new("Content addressing", x => ContentAddressing.Weights(x[0], x[1], x[2].Softplus()),
            () => [Normal(900, 2, 3, 2), Normal(901, 2, 2, 2), Normal(902, 2, 2)]),
        new("NTM location addressing", x =>
        {
            var gated = LocationAddressing.Interpolate(x[0].Softmax(-1), x[1].Softmax(-1), x[2].Sigmoid());
            return LocationAddressing.Sharpen(LocationAddressing.Shift(gated, x[3].Softmax(-1)), 1 + x[4].Softplus());
        }, () => [Normal(910, 1, 2, 4), Normal(911, 1, 2, 4), Normal(912, 1, 2), Normal(913, 1, 2, 3), Normal(914, 1, 2)]),
        new("Memory erase/add write and read", x =>
        {
            var memory = MemoryAccess.Write(x[0], x[1].Softmax(-1), x[2].Sigmoid(), x[3]);
            return MemoryAccess.Read(memory, x[4].Softmax(-1));
        }, () => [Normal(920, 1, 3, 2), Normal(921, 1, 2, 3), Normal(922, 1, 2, 2), Normal(923, 1, 2, 2), Normal(924, 1, 2, 3)]),
        Unary("DNC allocation", u => DynamicAllocation.Allocation(u.Sigmoid()), () => Distinct(930, 2, 4)),
        new("DNC retention and usage", x =>
            DynamicAllocation.Usage(x[0].Sigmoid(), x[1].Softmax(-1), DynamicAllocation.Retention(x[2].Sigmoid(), x[3].Softmax(-1))),
            () => [Normal(940, 1, 3), Normal(941, 1, 3), Normal(942, 1, 2), Normal(943, 1, 2, 3)]),
        new("DNC temporal linkage and directional reads", x =>
        {
            var write = x[1].Softmax(-1) * 0.8;
            var link = TemporalLinkage.Link(x[0].Sigmoid() * 0.3, write, x[2].Softmax(-1));
            var reads = x[3].Softmax(-1);
            return Joined(TemporalLinkage.Forward(link, reads), TemporalLinkage.Backward(link, reads), TemporalLinkage.Precedence(x[2].Softmax(-1), write));
        }, () => [Normal(950, 1, 3, 3), Normal(951, 1, 3), Normal(952, 1, 3), Normal(953, 1, 2, 3)]),
    ];
}
