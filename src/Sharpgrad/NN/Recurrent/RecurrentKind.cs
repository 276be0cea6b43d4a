namespace Sharpgrad.NN;

/// <summary>Which recurrence a layer or cell computes; it fixes the number of gates and the step's arithmetic.</summary>
internal enum RecurrentKind
{
    RnnTanh,
    RnnRelu,
    Lstm,
    Gru,
}

internal static class RnnNonlinearityExtensions
{
    public static RecurrentKind ToKind(this RnnNonlinearity nonlinearity) => nonlinearity switch
    {
        RnnNonlinearity.Tanh => RecurrentKind.RnnTanh,
        RnnNonlinearity.Relu => RecurrentKind.RnnRelu,
        _ => throw new ArgumentOutOfRangeException(nameof(nonlinearity), nonlinearity, "RNN: nonlinearity must be Tanh or Relu."),
    };
}
