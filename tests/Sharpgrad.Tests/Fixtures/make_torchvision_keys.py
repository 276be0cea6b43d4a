#!/usr/bin/env python3
"""Write torchvision 0.14's state-dict layouts for the model zoo's key test (issue #10).

How to run (Debian, no PyPI needed):

    apt-get install -y python3-torch python3-torchvision
    /usr/bin/python3 tests/Sharpgrad.Tests/Fixtures/make_torchvision_keys.py

Writes torchvision_keys.json next to itself: for each architecture, the state dict's entries in torchvision's
order as [key, shape, dtype], buffers (running_mean, running_var, num_batches_tracked) included. Models are built
with weights=None and the default 1000 classes; only names, shapes and dtypes are stored, never values. Read by
tests/Sharpgrad.Tests/Models/TorchvisionKeysTests.cs.
"""

import json
import os

import torch
import torchvision

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = ["resnet18", "resnet34", "resnet50", "vgg11", "vgg16", "vgg16_bn", "densenet121"]
DTYPES = {torch.float32: "float32", torch.int64: "int64"}


def layout(name):
    model = getattr(torchvision.models, name)(weights=None)
    return [[key, list(t.shape), DTYPES[t.dtype]] for key, t in model.state_dict().items()]


def main():
    result = {name: layout(name) for name in MODELS}
    assert torchvision.__version__.startswith("0.14"), torchvision.__version__
    with open(os.path.join(HERE, "torchvision_keys.json"), "w") as f:
        # One entry per line keeps the file diffable and small.
        f.write("{\n")
        for i, name in enumerate(MODELS):
            rows = ",\n".join("    " + json.dumps(row, separators=(",", ":")) for row in result[name])
            f.write(f'  "{name}": [\n{rows}\n  ]' + (",\n" if i + 1 < len(MODELS) else "\n"))
        f.write("}\n")


if __name__ == "__main__":
    main()
