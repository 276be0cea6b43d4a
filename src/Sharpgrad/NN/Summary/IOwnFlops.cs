namespace Sharpgrad.NN;

/// <summary>
/// A module that computes part of its forward pass outside its children's <c>Forward</c> calls — functional ops on its
/// own parameters, an activation function, residual sums — and counts those FLOPs itself from its inputs (the tensors
/// of its forward's arguments, in order), so that <see cref="ModuleSummaryExtensions.Summary(Module, Func{object?})"/>
/// adds them to what its children's rows count.
/// </summary>
internal interface IOwnFlops
{
    long OwnFlops(IReadOnlyList<Tensor> inputs);
}
