#!/usr/bin/env python3
"""Write eval-mode outputs of torchvision architectures under formula weights, for the zoo's interop test (issue #10).

How to run (Debian, no PyPI needed):

    apt-get install -y python3-torch python3-torchvision
    /usr/bin/python3 tests/Sharpgrad.Tests/Fixtures/make_torchvision_outputs.py

Writes torchvision_outputs.json next to itself. A trained state dict of resnet18 is 45 MB, far over the size budget
for fixtures, so no weights are stored: every tensor is set from a closed formula of its position in the state dict
and of its name, which the C# test (tests/Sharpgrad.Tests/Models/TorchvisionOutputTests.cs) applies identically. With
k the entry's index in state-dict order, i = 0..n-1 the flat (row-major) index and s = sin(0.7 i + k):

    weight of rank >= 2 (conv, linear)   s * sqrt(0.5 / fan_in), fan_in = n / shape[0]
    other weight (batch-norm gamma)      1 + 0.1 s
    bias                                 0.1 s
    running_mean                         0.1 s
    running_var                          1 + 0.5 s
    num_batches_tracked                  left at 0

The weights' scale (variance 1/(4 fan_in), a quarter of He's) keeps the logits between about 1 and 400 although eval-mode
batch norm no longer rescales the activations; any scale would test the same thing.

The input is x = sin(0.3 i) of shape [2, 3, 32, 32]. Everything runs in float64, in eval mode (batch norm uses the
running statistics). Stored per model: the logits [2, 10].
"""

import json
import math
import os

import torch
import torchvision

from make_linalg_fixtures import tens  # {"shape", "data"} with exact floats, shared by the fixture scripts

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = ["resnet18", "resnet50", "densenet121"]
INPUT_SHAPE = [2, 3, 32, 32]


def formula(k, name, t):
    n = t.numel()
    s = torch.sin(torch.arange(n, dtype=torch.float64) * 0.7 + k).reshape(t.shape)
    if name.endswith("running_var"):
        return 1 + 0.5 * s
    if name.endswith("running_mean") or name.endswith("bias"):
        return 0.1 * s
    if t.dim() >= 2:
        return s * math.sqrt(0.5 / (n // t.shape[0]))
    return 1 + 0.1 * s


def logits(name, x):
    model = getattr(torchvision.models, name)(weights=None, num_classes=10).double().eval()
    with torch.no_grad():
        for k, (key, t) in enumerate(model.state_dict().items()):
            if not key.endswith("num_batches_tracked"):
                t.copy_(formula(k, key, t))
        return model(x)


def main():
    assert torchvision.__version__.startswith("0.14"), torchvision.__version__
    n = math.prod(INPUT_SHAPE)
    x = torch.sin(torch.arange(n, dtype=torch.float64) * 0.3).reshape(INPUT_SHAPE)
    result = {name: tens(logits(name, x)) for name in MODELS}
    with open(os.path.join(HERE, "torchvision_outputs.json"), "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
