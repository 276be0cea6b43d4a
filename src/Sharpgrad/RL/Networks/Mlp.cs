using Sharpgrad.NN;

namespace Sharpgrad.RL;

/// <summary>The small fully connected networks of the agents: Linear and ReLU layers, seeded.</summary>
public static class Mlp
{
    /// <summary>
    /// input → hidden[0] → … → hidden[^1], each Linear followed by ReLU (Buduma's <c>slim.fully_connected</c> default),
    /// named "0", "1", … as PyTorch's <c>nn.Sequential</c> would name them.
    /// </summary>
    public static Sequential Body(int input, IReadOnlyList<int> hidden, Generator generator)
    {
        if (input <= 0 || hidden.Count == 0 || hidden.Any(h => h <= 0))
            throw new ArgumentException($"Mlp.Body: the input size and every hidden size must be positive, and at least one hidden layer given; got {input} → [{string.Join(", ", hidden)}].");
        var body = new Sequential();
        int width = input;
        foreach (int h in hidden)
        {
            body.Add(new Linear(width, h, generator: generator));
            body.Add(new ReLU());
            width = h;
        }
        return body;
    }

    /// <summary><see cref="Body"/> followed by a Linear output layer of <paramref name="output"/> units (no activation).</summary>
    public static Sequential Network(int input, IReadOnlyList<int> hidden, int output, Generator generator)
    {
        var network = Body(input, hidden, generator);
        network.Add(new Linear(hidden[^1], output, generator: generator));
        return network;
    }
}
