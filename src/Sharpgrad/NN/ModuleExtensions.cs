namespace Sharpgrad.NN;

/// <summary>
/// The chainable module settings (PyTorch's <c>train()</c>, <c>eval()</c>, <c>requires_grad_()</c>, <c>to()</c>,
/// <c>apply()</c>). They are generic extension methods so that chaining keeps the module's type:
/// <c>var model = new Sequential(…).To(DType.Float64).Eval();</c> is still a <see cref="Sequential"/>.
/// </summary>
public static class ModuleExtensions
{
    /// <summary>Sets training mode on this module and every descendant (Dropout drops, BatchNorm uses batch statistics).</summary>
    public static T Train<T>(this T module, bool mode = true) where T : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        module.SetTraining(mode);
        return module;
    }

    /// <summary>Evaluation mode for this module and every descendant: the same as <c>Train(false)</c>. See also <see cref="Module.EvalScope"/>.</summary>
    public static T Eval<T>(this T module) where T : Module => module.Train(false);

    /// <summary>
    /// Sets <see cref="Tensor.RequiresGrad"/> on every parameter of this module and its descendants: <c>false</c>
    /// freezes them (an optimiser skips parameters without gradients, so their values stay bit-identical through
    /// training), <c>true</c> unfreezes them. Clear the gradients first (<c>ZeroGrad()</c>): a gradient left from before
    /// the freeze would still be applied, with weight decay and momentum, as in PyTorch.
    /// </summary>
    public static T RequiresGrad<T>(this T module, bool requiresGrad = true) where T : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        module.SetRequiresGrad(requiresGrad);
        return module;
    }

    /// <summary>
    /// Converts every floating-point parameter and buffer to <paramref name="dtype"/> in place. The tensors keep their
    /// identity, so references held by layers stay valid; an optimiser's state is not converted, so convert before
    /// creating the optimiser. Integer buffers (counters) are left alone, as PyTorch does. Gradients of the old dtype
    /// are dropped (PyTorch converts them), and tensors taken from <c>StateDict()</c> before the call keep the old values.
    /// </summary>
    public static T To<T>(this T module, DType dtype) where T : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        module.ConvertTo(dtype);
        return module;
    }

    /// <summary>
    /// Moves every parameter and buffer (and their gradients) to <paramref name="device"/> in place, as PyTorch's
    /// <c>module.to(device)</c>. The tensors keep their identity, so layers and optimisers holding them see the move;
    /// an optimiser's state is not moved, so move the model before creating the optimiser.
    /// </summary>
    public static T To<T>(this T module, Device device) where T : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(device);
        using (Autograd.NoGrad())
            foreach (var tensor in module.Parameters().Concat(module.Buffers()).Distinct(ReferenceEqualityComparer.Instance).Cast<Tensor>())
                if (tensor.Device != device) tensor.ReplaceData(tensor.To(device));
        return module;
    }

    /// <summary>Calls <paramref name="action"/> on every module, children before parents (as torch's apply), e.g. for custom init.</summary>
    public static T Apply<T>(this T module, Action<Module> action) where T : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(action);
        module.ApplyToTree(action);
        return module;
    }
}
