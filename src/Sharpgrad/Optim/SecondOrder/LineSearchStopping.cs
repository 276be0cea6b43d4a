namespace Sharpgrad.Optim;

/// <summary>
/// When PyTorch's <c>LBFGS.step</c> stops iterating, written once for the tensor optimisers that share its loop
/// (<see cref="LineSearchOptimizer"/>) and for the host-array L-BFGS (<see cref="HostLbfgs"/>), so the two stop at the
/// same iterate: first-order optimality max|∇f| ≤ tolerance_grad (Nocedal &amp; Wright §2.1), a direction whose slope
/// is above −tolerance_change, the iteration and evaluation budgets, and a step of at most
/// tolerance_change or a change in loss below it. Every test is written so that NaN never reads as converged.
/// </summary>
internal readonly record struct LineSearchStopping(int MaxIter, int MaxEval, double ToleranceGrad, double ToleranceChange)
{
    /// <summary>max|∇f| ≤ tolerance_grad; false for NaN.</summary>
    public bool IsOptimal(double maxAbsGradient) => maxAbsGradient <= ToleranceGrad;

    /// <summary>
    /// The slope ∇fᵀd along the direction is above −tolerance_change (PyTorch's <c>gtd &gt; -tolerance_change</c>): d
    /// does not descend enough to search. A slope of exactly −tolerance_change still searches; NaN does not stop here.
    /// </summary>
    public bool IsNotDescent(double slope) => slope > -ToleranceChange;

    /// <summary>After an iteration's step: the last iteration, the evaluation budget spent, or an optimal point.</summary>
    public bool IsExhausted(int iteration, int evaluations, bool optimal) => iteration == MaxIter || evaluations >= MaxEval || optimal;

    /// <summary>After an iteration's step: the step t·d no longer moves θ, or the loss no longer changes.</summary>
    public bool IsStalled(double maxAbsDirection, double step, double loss, double previousLoss)
        => maxAbsDirection * Math.Abs(step) <= ToleranceChange || Math.Abs(loss - previousLoss) < ToleranceChange;
}
