namespace Sharpgrad.NN.Memory.Tasks;

internal static class TaskChecks
{
    public static void Positive(string task, params (string Name, int Value)[] sizes)
    {
        foreach (var (name, value) in sizes)
            if (value < 1) throw new ArgumentException($"{task}: {name} must be positive, got {value}.");
    }
}
