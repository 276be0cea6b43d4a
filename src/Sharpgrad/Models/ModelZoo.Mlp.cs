using Sharpgrad.NN;

namespace Sharpgrad.Models;

public static partial class ModelZoo
{
    /// <summary>
    /// A multi-layer perceptron (GBC §6): Linear → ReLU for each width in <paramref name="hidden"/>, then a Linear to
    /// <paramref name="classes"/> logits. [N, inputs] → [N, classes]. E.g. <c>Mlp(64, [32], 10)</c> has
    /// 64·32+32 + 32·10+10 = 2410 parameters (CLS §3).
    /// </summary>
    public static Sequential Mlp(int inputs, int[] hidden, int classes, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        CheckPositive("Mlp", [(nameof(inputs), inputs), (nameof(classes), classes), .. hidden.Select(h => ("hidden width", h))]);
        var model = new Sequential();
        int width = inputs;
        foreach (var h in hidden)
        {
            model.Add(new Linear(width, h, generator: generator)).Add(new ReLU());
            width = h;
        }
        return model.Add(new Linear(width, classes, generator: generator));
    }
}
