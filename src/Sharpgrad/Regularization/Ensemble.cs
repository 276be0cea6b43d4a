using Sharpgrad.NN;

namespace Sharpgrad.Regularization;

/// <summary>
/// Model averaging (GBC §7.11): the output is the mean of the members' (optionally transformed) outputs. For class
/// scores pass a softmax transform, so the ensemble averages predicted distributions, which is what bagging and
/// dropout's weight-scaling rule approximate; the identity suits regression. The members are registered as children
/// "0", "1", …, so the ensemble saves and loads as one state dict.
/// </summary>
public sealed class Ensemble : Module<Tensor, Tensor>
{
    private readonly List<Module<Tensor, Tensor>> members = [];
    private readonly Func<Tensor, Tensor>? outputTransform;

    /// <param name="members">the models to average (at least one)</param>
    /// <param name="outputTransform">applied to each member's output before averaging; null for none</param>
    public Ensemble(IEnumerable<Module<Tensor, Tensor>> members, Func<Tensor, Tensor>? outputTransform = null)
    {
        ArgumentNullException.ThrowIfNull(members);
        foreach (var member in members)
        {
            RegisterModule(this.members.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), member);
            this.members.Add(member);
        }
        if (this.members.Count == 0) throw new ArgumentException("Ensemble: expected at least one member.", nameof(members));
        this.outputTransform = outputTransform;
    }

    public IReadOnlyList<Module<Tensor, Tensor>> Members => members;

    protected override Tensor ForwardCore(Tensor input)
    {
        var outputs = members.Select(m => outputTransform is null ? m.Forward(input) : outputTransform(m.Forward(input))).ToList();
        return Tensor.Stack(outputs).Mean(0);
    }

    protected override string ExtraRepr() => $"members={members.Count}";
}
