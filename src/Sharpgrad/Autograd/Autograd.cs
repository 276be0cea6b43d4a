namespace Sharpgrad;

/// <summary>The public face of automatic differentiation: gradients of outputs w.r.t. inputs, and grad-mode scopes.</summary>
public static class Autograd
{
    /// <summary>Ops inside the scope are not recorded, like torch.no_grad().</summary>
    public static GradScope NoGrad() => GradMode.Set(false);

    /// <summary>Ops inside the scope are recorded again, even within a NoGrad scope.</summary>
    public static GradScope EnableGrad() => GradMode.Set(true);

    public static bool IsGradEnabled => GradMode.IsEnabled;

    /// <summary>
    /// The gradients of <paramref name="outputs"/> (weighted by <paramref name="gradOutputs"/>, default 1 for scalars)
    /// w.r.t. <paramref name="inputs"/>, returned rather than accumulated into <see cref="Tensor.Grad"/>.
    /// With <paramref name="createGraph"/> the returned gradients are themselves differentiable, which gives
    /// Hessian-vector products Hv = ∇ₓ[(∇ₓf)ᵀv] and double backprop.
    /// </summary>
    public static Tensor[] Grad(
        IReadOnlyList<Tensor> outputs,
        IReadOnlyList<Tensor> inputs,
        IReadOnlyList<Tensor>? gradOutputs = null,
        bool? retainGraph = null,
        bool createGraph = false,
        bool allowUnused = false)
    {
        foreach (var input in inputs)
            if (!input.RequiresGrad)
                throw new ArgumentException($"Grad: input of shape {input.ShapeText} does not require grad.");
        var grads = BackwardEngine.Run(outputs, gradOutputs, inputs, retainGraph ?? createGraph, createGraph);
        var result = new Tensor[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            if (grads![i] is { } g) result[i] = g;
            else if (allowUnused) result[i] = Tensor.ZerosLike(inputs[i]);
            else throw new InvalidOperationException(
                $"Grad: input {i} (shape {inputs[i].ShapeText}) was not used to compute the outputs. Pass allowUnused: true to get zeros.");
        }
        return result;
    }

    /// <summary>Records <paramref name="output"/> as produced from <paramref name="inputs"/> if any of them requires grad.</summary>
    /// <param name="userDefined">The backward rule is user code (<see cref="Function"/>); see <see cref="Node.IsUserDefined"/>.</param>
    internal static Tensor Record(this Tensor output, string name, Tensor[] inputs, BackwardFunction backward, bool userDefined = false)
    {
        if (WillRecord(inputs)) output.AttachNode(new Node(name, inputs, backward, userDefined));
        return output;
    }

    /// <summary>True when an op on these inputs will be recorded; lets ops skip saving values nobody will need.</summary>
    internal static bool WillRecord(params ReadOnlySpan<Tensor> inputs)
    {
        if (!GradMode.IsEnabled) return false;
        foreach (var t in inputs)
            if (t.RequiresGrad) return true;
        return false;
    }
}
