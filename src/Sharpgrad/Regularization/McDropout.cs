using Sharpgrad.NN;

namespace Sharpgrad.Regularization;

/// <summary>
/// Monte Carlo dropout (GBC §7.12; Gal and Ghahramani 2016): instead of the single weight-scaled pass of eval mode,
/// average T forward passes with dropout on, each a sample from the ensemble of subnetworks that dropout trains.
/// The mean approximates the ensemble's prediction (the geometric-mean rule of §7.12 is its cheap stand-in), and
/// the standard deviation across passes is an estimate of the model's uncertainty about the input.
/// </summary>
public static class McDropout
{
    /// <summary>
    /// The mean and standard deviation (population, 1/T) over <paramref name="samples"/> passes of
    /// <paramref name="transform"/>(model(<paramref name="input"/>)), with every <see cref="Dropout"/> layer in
    /// training mode and every other module in eval mode (so batch normalisation keeps its running statistics).
    /// The modes are restored afterwards; nothing is recorded for autograd.
    /// </summary>
    public static (Tensor Mean, Tensor StdDev) Predict(Module<Tensor, Tensor> model, Tensor input, int samples, Func<Tensor, Tensor>? transform = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        if (samples < 1) throw new ArgumentOutOfRangeException(nameof(samples), $"McDropout.Predict: samples must be at least 1, got {samples}.");
        using (model.PreserveModes())
        {
            model.Eval();
            foreach (var dropout in model.Modules().OfType<Dropout>()) dropout.Train();
            using var _ = Autograd.NoGrad();
            var passes = new List<Tensor>(samples);
            for (int t = 0; t < samples; t++)
            {
                var output = model.Forward(input);
                passes.Add(transform is null ? output : transform(output));
            }
            var stacked = Tensor.Stack(passes);
            return (stacked.Mean(0), stacked.Var(0, unbiased: false).Sqrt());
        }
    }
}
