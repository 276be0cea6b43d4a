namespace Sharpgrad.NN;

/// <summary>The argument checks shared by the recurrent layers and cells; every message names the module and the shapes.</summary>
internal static class RecurrentChecks
{
    public static void Sizes(string name, int inputSize, int hiddenSize)
    {
        if (inputSize < 1 || hiddenSize < 1)
            throw new ArgumentException($"{name}: inputSize and hiddenSize must be positive, got inputSize={inputSize}, hiddenSize={hiddenSize}.");
    }

    public static void DType(string name, DType dtype)
    {
        if (!dtype.IsFloatingPoint())
            throw new ArgumentException($"{name}: dtype must be float32 or float64, got {dtype.Name()}.");
    }

    public static void ForgetGateBias(string name, double? forgetGateBias, bool bias)
    {
        if (forgetGateBias is not null && !bias)
            throw new ArgumentException($"{name}: forgetGateBias={forgetGateBias} needs the biases, but bias is false.");
    }

    /// <summary>Checks the input's rank, feature size (its last dim) and dtype.</summary>
    public static void Input(string name, Tensor input, int batchedRank, string layout, int inputSize, DType dtype)
    {
        if (input.Rank != batchedRank && input.Rank != batchedRank - 1)
            throw new ArgumentException($"{name}: input must be {batchedRank}-D {layout} or {batchedRank - 1}-D without the batch dim, got shape {input.Shape}.");
        if (input.Size(-1) != inputSize)
            throw new ArgumentException($"{name}: expected input size {inputSize} (the last dim), got input of shape {input.Shape}.");
        if (input.DType != dtype)
            throw new ArgumentException($"{name}: input dtype {input.DType.Name()} does not match the parameters' {dtype.Name()}.");
    }

    /// <summary>The initial state <paramref name="label"/>: zeros of <paramref name="shape"/> when null, else checked against it.</summary>
    public static Tensor State(string name, string label, Tensor? state, int[] shape, Tensor input)
    {
        if (state is null) return Tensor.Zeros(shape, input.DType);
        if (!state.Shape.SequenceEqual(shape))
            throw new ArgumentException($"{name}: {label} must have shape [{string.Join(", ", shape)}] for input of shape {input.Shape}, got {state.Shape}.");
        if (state.DType != input.DType)
            throw new ArgumentException($"{name}: {label} dtype {state.DType.Name()} does not match the input's {input.DType.Name()}.");
        return state;
    }
}
