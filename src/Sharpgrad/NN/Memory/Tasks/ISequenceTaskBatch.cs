namespace Sharpgrad.NN.Memory.Tasks;

/// <summary>A batch of a generated sequence task: the inputs [T, B, in] a model reads, and the task's loss on the model's outputs [T, B, out].</summary>
public interface ISequenceTaskBatch
{
    Tensor Input { get; }

    /// <summary>The training loss of the outputs (logits), counting only answer steps.</summary>
    Tensor Loss(Tensor logits);
}
