using Sharpgrad.NN;

namespace Sharpgrad.Tests.NN;


/// <summary>
/// Gradient checking for modules, whose parameters live inside the module rather than in GradCheck's input list:
/// compares autograd's gradient of uᵀf(x) (random u) w.r.t. the input and every parameter with central differences,
/// perturbing each parameter element in place (GBC §11.5). Everything must be float64.
/// </summary>
internal static class ModuleGradCheck
{
    public static void Assert(Module<Tensor, Tensor> module, Tensor input) => Assert(module.Forward, input, module.Parameters().ToArray());

    /// <param name="forward">must be deterministic: reset any generator it uses inside the delegate</param>
    public static void Assert(Func<Tensor, Tensor> forward, Tensor input, Tensor[] parameters, double eps = 1e-6, double atol = 1e-6, double rtol = 1e-4)
    {
        var x = input.Detach().Clone().RequireGrad();
        var u = Tensor.Randn(forward(x).Shape, DType.Float64, new Generator(7));
        Tensor Objective() => (forward(x) * u).Sum();

        Tensor[] wanted = [x, .. parameters];
        foreach (var t in wanted)
            Xunit.Assert.True(t.DType == DType.Float64, $"ModuleGradCheck: tensors must be float64, got {t.DType.Name()}.");
        var analytic = Autograd.Grad([Objective()], wanted, allowUnused: true);

        int checkedCount = 0;
        for (int i = 0; i < wanted.Length; i++)
        {
            var tensor = wanted[i];
            var original = tensor.ToArray<double>();
            var expected = analytic[i].ToArray<double>();
            for (int k = 0; k < original.Length; k++)
            {
                double At(double delta)
                {
                    var shifted = (double[])original.Clone();
                    shifted[k] += delta;
                    using (Autograd.NoGrad())
                    {
                        tensor.CopyFrom(Tensor.FromArray(shifted, tensor.Shape));
                        return Objective().Item();
                    }
                }
                double numeric = (At(eps) - At(-eps)) / (2 * eps);
                using (Autograd.NoGrad()) tensor.CopyFrom(Tensor.FromArray(original, tensor.Shape));
                Xunit.Assert.True(Math.Abs(numeric - expected[k]) <= atol + rtol * Math.Abs(numeric),
                    $"ModuleGradCheck: tensor {i} (shape [{string.Join(", ", tensor.Shape)}]) element {k}: autograd {expected[k]:R}, finite differences {numeric:R}");
                checkedCount++;
            }
        }
        Xunit.Assert.True(checkedCount > 0);
    }
}
