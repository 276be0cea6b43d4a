using Sharpgrad.NN;

namespace Sharpgrad.Models;

public static partial class ModelZoo
{
    /// <summary>
    /// Network in Network for CIFAR-10 (Lin et al. 2013; GBC §9.3 on 1×1 convolutions): three "mlpconv" blocks, each
    /// a k×k convolution followed by two 1×1 convolutions (a small MLP slid over the image), all with ReLU; max pool
    /// 3×3/2 and dropout after the first, average pool 3×3/2 and dropout after the second; the last 1×1 convolution
    /// has one map per class and global average pooling replaces the fully connected classifier.
    /// [N, 3, 32, 32] → [N, classes]. The widths are those of the authors' Caffe model.
    /// </summary>
    /// <remarks>
    /// Parameters at 10 classes: 192·3·25+192 = 14,592; 160·192+160 = 30,880; 96·160+96 = 15,456;
    /// 192·96·25+192 = 460,992; 2·(192·192+192) = 74,112; 192·192·9+192 = 331,968; 192·192+192 = 37,056;
    /// 10·192+10 = 1930; total 966,986.
    /// </remarks>
    public static Sequential Nin(int classes = 10, int inChannels = 3, double dropout = 0.5, Generator? generator = null)
    {
        CheckPositive("Nin", (nameof(classes), classes), (nameof(inChannels), inChannels));
        return new Sequential([
            .. MlpConv(inChannels, [192, 160, 96], 5, generator), new MaxPool2d(3, stride: 2, padding: 1), new Dropout(dropout),
            .. MlpConv(96, [192, 192, 192], 5, generator), new AvgPool2d(3, stride: 2, padding: 1), new Dropout(dropout),
            .. MlpConv(192, [192, 192, classes], 3, generator), new GlobalAvgPool()]);
    }

    /// <summary>One mlpconv block: a k×k 'same' convolution to widths[0], then 1×1 convolutions to the other widths, each with ReLU.</summary>
    private static IEnumerable<Module<Tensor, Tensor>> MlpConv(int inChannels, int[] widths, int kernel, Generator? generator)
    {
        int width = inChannels;
        for (int i = 0; i < widths.Length; i++)
        {
            int k = i == 0 ? kernel : 1;
            yield return new Conv2d(width, widths[i], k, padding: k / 2, generator: generator);
            yield return new ReLU();
            width = widths[i];
        }
    }
}
