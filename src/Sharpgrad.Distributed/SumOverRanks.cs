namespace Sharpgrad.Distributed;

/// <summary>
/// The allreduce as a differentiable function: y = Σ_r x_r on every rank. Every rank's y feeds every rank's loss, so
/// the gradient of the job's total loss Σ_s L_s with respect to x_r is Σ_s ∂L_s/∂y, the same allreduce applied to the
/// incoming gradients. Backward therefore communicates too: every rank must run it, in the same order. It is not
/// differentiable a second time.
/// </summary>
internal sealed class SumOverRanks(Communicator world) : Function
{
    protected override Tensor Forward(FunctionContext ctx, Tensor[] inputs)
    {
        var sum = inputs[0].Clone();
        world.AllReduce(sum);
        return sum;
    }

    protected override Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput)
    {
        var sum = gradOutput.Detach().Clone();
        world.AllReduce(sum);
        return [sum];
    }
}
