using Sharpgrad.Optim;

namespace Sharpgrad.Cli.Training;

/// <summary>
/// The optimizers <c>sharpgrad train --optimizer</c> accepts, spelled in lower case on the command
/// line (<c>sgd</c>, <c>adam</c>, ...); adding a member here (and its case in <see cref="OptimizerKinds"/>)
/// makes it a valid option value, listed in the help and in the error for an unknown name.
/// </summary>
public enum OptimizerKind
{
    /// <summary>Stochastic gradient descent with momentum 0.9 (GBC Alg. 8.2), the usual choice (GBC §8.3.2).</summary>
    Sgd,

    /// <summary>SGD with Nesterov momentum 0.9 (GBC Alg. 8.3, in PyTorch's form).</summary>
    Nesterov,

    /// <summary>Adam (Kingma and Ba, 2015; GBC Alg. 8.7) with its usual betas and epsilon.</summary>
    Adam,

    /// <summary>Adam with decoupled weight decay (Loshchilov and Hutter, 2019).</summary>
    AdamW,

    /// <summary>AdaGrad (GBC Alg. 8.4).</summary>
    Adagrad,

    /// <summary>RMSProp (GBC Alg. 8.5).</summary>
    RMSprop,

    /// <summary>AdaDelta (Zeiler, 2012).</summary>
    Adadelta,

    /// <summary>Adam with Nesterov momentum (Dozat, 2016).</summary>
    NAdam,

    /// <summary>Adam with the infinity norm (Kingma and Ba, 2015, §7.1).</summary>
    Adamax,

    /// <summary>
    /// L-BFGS with a strong-Wolfe line search (GBC §8.6.3): a quasi-Newton method meant for full batches
    /// (give a --batch-size at least the training-set size); one parameter group, so no --weight-decay.
    /// </summary>
    LBFGS,

    /// <summary>BFGS with the full inverse-Hessian update (GBC §8.6.3): like lbfgs, for full batches of small models.</summary>
    BFGS,

    /// <summary>Nonlinear conjugate gradient, Polak–Ribière with restarts (GBC §8.6.2): like lbfgs, for full batches.</summary>
    [Commands.ChoiceName("cg")]
    ConjugateGradient,
}

/// <summary>How each <see cref="OptimizerKind"/> is built and what learning rate it starts from.</summary>
public static class OptimizerKinds
{
    /// <summary>The momentum of <c>sgd</c> and <c>nesterov</c>: the usual 0.9 (GBC §8.3.2).</summary>
    public const double Momentum = 0.9;

    /// <summary>
    /// The learning rate used when <c>--lr</c> is not given: 0.1 for the SGD family (this tool's long-standing
    /// default for the digits MLP), PyTorch's defaults for the adaptive methods, whose scale-free steps want
    /// much smaller rates (Adam 1e-3; AdaDelta's 1.0 multiplies an already-scaled step).
    /// </summary>
    public static double DefaultLearningRate(this OptimizerKind kind) => kind switch
    {
        OptimizerKind.Sgd or OptimizerKind.Nesterov => 0.1,
        OptimizerKind.Adam or OptimizerKind.AdamW => 1e-3,
        OptimizerKind.Adagrad or OptimizerKind.RMSprop => 1e-2,
        OptimizerKind.Adadelta => 1.0,
        OptimizerKind.NAdam or OptimizerKind.Adamax => 2e-3,
        OptimizerKind.LBFGS or OptimizerKind.BFGS or OptimizerKind.ConjugateGradient => 1.0,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "train: unknown optimizer."),
    };

    /// <summary>
    /// The methods that treat all parameters as one vector and search along a direction (L-BFGS, BFGS, CG): one
    /// parameter group, no weight decay, and meant for full batches. Damped Newton is library-only, because its
    /// closure must hand back the loss with its graph for Newton to differentiate twice.
    /// </summary>
    public static bool IsLineSearch(this OptimizerKind kind) =>
        kind is OptimizerKind.LBFGS or OptimizerKind.BFGS or OptimizerKind.ConjugateGradient;

    /// <summary>The weight decay used when <c>--weight-decay</c> is not given: PyTorch's (0.01 for AdamW, 0 for the rest).</summary>
    public static double DefaultWeightDecay(this OptimizerKind kind) => kind == OptimizerKind.AdamW ? 1e-2 : 0;

    /// <summary>
    /// The optimiser over <paramref name="decayed"/> (with weight decay <paramref name="weightDecay"/>) and
    /// <paramref name="undecayed"/> (a second parameter group with weight decay 0, when non-empty).
    /// </summary>
    public static Optimizer Create(this OptimizerKind kind, IReadOnlyList<Tensor> decayed, IReadOnlyList<Tensor> undecayed,
        double lr, double weightDecay)
    {
        if (kind.IsLineSearch())
        {
            if (weightDecay != 0) throw new ArgumentException($"train: --optimizer {kind} takes no --weight-decay (it optimises one parameter group); use --l1 or a penalty instead.");
            IReadOnlyList<Tensor> all = [.. decayed, .. undecayed];
            return kind switch
            {
                OptimizerKind.LBFGS => new LBFGS(all, lr, lineSearch: LineSearch.StrongWolfe),
                OptimizerKind.BFGS => new BFGS(all, lr),
                _ => new ConjugateGradient(all, lr: lr),
            };
        }
        Optimizer optimizer = kind switch
        {
            OptimizerKind.Sgd => new SGD(decayed, lr, momentum: Momentum, weightDecay: weightDecay),
            OptimizerKind.Nesterov => new SGD(decayed, lr, momentum: Momentum, weightDecay: weightDecay, nesterov: true),
            OptimizerKind.Adam => new Adam(decayed, lr, weightDecay: weightDecay),
            OptimizerKind.AdamW => new AdamW(decayed, lr, weightDecay: weightDecay),
            OptimizerKind.Adagrad => new Adagrad(decayed, lr, weightDecay: weightDecay),
            OptimizerKind.RMSprop => new RMSprop(decayed, lr, weightDecay: weightDecay),
            OptimizerKind.Adadelta => new Adadelta(decayed, lr, weightDecay: weightDecay),
            OptimizerKind.NAdam => new NAdam(decayed, lr, weightDecay: weightDecay),
            OptimizerKind.Adamax => new Adamax(decayed, lr, weightDecay: weightDecay),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "train: unknown optimizer."),
        };
        if (undecayed.Count > 0) optimizer.AddParamGroup(undecayed, new Dictionary<string, double> { ["weight_decay"] = 0 });
        return optimizer;
    }
}
