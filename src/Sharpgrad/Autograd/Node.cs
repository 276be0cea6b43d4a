namespace Sharpgrad;

/// <summary>Given the gradient of the loss w.r.t. an op's output, returns the gradient w.r.t. each input (null = none).</summary>
public delegate Tensor?[] BackwardFunction(Tensor gradOutput);

/// <summary>
/// One recorded op in the define-by-run graph: its inputs and the rule that maps the output's gradient to the
/// inputs' gradients (GBC §6.5.6). The rule is written with ordinary tensor ops, so running it while recording
/// builds the graph of the derivative itself, which gives higher-order gradients for free.
/// </summary>
public sealed class Node
{
    private BackwardFunction? backward;
    private GraphOwnedActivations? activations;   // the forward call whose activations this node saves, if one is logged

    internal Node(string name, Tensor[] inputs, BackwardFunction backward, bool userDefined = false)
    {
        Name = name;
        Inputs = inputs;
        this.backward = backward;
        IsUserDefined = userDefined;
        activations = GraphOwnedActivations.Current;
        activations?.NodeRecorded(userDefined);
    }

    /// <summary>The op's name, used in error messages and graph dumps.</summary>
    public string Name { get; }

    internal Tensor[] Inputs { get; }

    /// <summary>
    /// A user-defined <see cref="Function"/>: its backward is user code, which may keep what it allocates, so the
    /// backward pass does not recycle those buffers (<see cref="BackwardBuffers"/>).
    /// </summary>
    internal bool IsUserDefined { get; }

    internal Tensor?[] Apply(Tensor gradOutput)
    {
        var rule = backward ?? throw new InvalidOperationException(
            $"Backward: trying to backward through the graph a second time (the saved values of '{Name}' were already freed). " +
            "Pass retainGraph: true to the first Backward/Grad call if you need to backward twice.");
        // A rule run while recording (createGraph) may hand its saved values to the new graph, which outlives this node.
        if (GradMode.IsEnabled) activations?.SavedValuesEscaped();
        var grads = rule(gradOutput);
        if (grads.Length != Inputs.Length)
            throw new InvalidOperationException($"Backward of '{Name}' returned {grads.Length} gradients for {Inputs.Length} inputs.");
        for (int i = 0; i < grads.Length; i++)
            if (grads[i] is { } g && !Tensor.SameShape(g, Inputs[i]))
                throw new InvalidOperationException(
                    $"Backward of '{Name}' returned a gradient of shape {g.ShapeText} for input {i} of shape {Inputs[i].ShapeText}.");
        return grads;
    }

    /// <summary>Drops the saved values so their memory can be reclaimed; a later backward through here fails clearly.</summary>
    internal void Release()
    {
        if (backward is null) return;
        backward = null;
        activations?.NodeFreed();
        activations = null;
    }

    public override string ToString() => Name;
}
