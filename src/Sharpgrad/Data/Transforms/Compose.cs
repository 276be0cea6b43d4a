namespace Sharpgrad.Data;

/// <summary>
/// Several transforms applied one after another, like torchvision's <c>Compose</c>:
/// <c>new Compose(new RandomCrop(32, padding: 4), new RandomHorizontalFlip(), new Normalize(mean, std))</c>.
/// All steps draw from the same generator, in order.
/// </summary>
public sealed class Compose : Transform
{
    private readonly Transform[] steps;

    public Compose(params Transform[] steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        for (int i = 0; i < steps.Length; i++)
            if (steps[i] is null)
                throw new ArgumentNullException(nameof(steps), $"Compose: step {i} of {steps.Length} is null.");
        this.steps = (Transform[])steps.Clone();
    }

    /// <summary>The steps, in the order they are applied.</summary>
    public IReadOnlyList<Transform> Steps => steps;

    protected override Tensor ApplyCore(Tensor input, Generator generator)
    {
        foreach (var step in steps) input = step.Apply(input, generator);
        return input;
    }
}
