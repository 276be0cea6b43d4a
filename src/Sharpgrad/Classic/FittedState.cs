namespace Sharpgrad.Classic;

/// <summary>Reads an estimator's learned state, failing with a clear message when Fit has not run yet.</summary>
internal static class FittedState
{
    public static T Require<T>(T? value, string op) where T : class =>
        value ?? throw new InvalidOperationException($"{op}: the model is not fitted yet; call Fit first.");

    public static void RequirePositive(int value, string name, string op)
    {
        if (value <= 0) throw new ArgumentOutOfRangeException(name, value, $"{op}: {name} must be positive, got {value}.");
    }

    /// <summary>Checks that a model with <paramref name="components"/> outputs can be fitted to <paramref name="x"/>.</summary>
    public static void RequireAtMost(int components, int limit, string what, Tensor x, string op)
    {
        if (components > limit)
            throw new ArgumentException($"{op}: {components} components requested but {what} of X (shape {ShapeUtil.Format(x.Shape)}) allows at most {limit}.");
    }
}
