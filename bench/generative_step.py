#!/usr/bin/env python3
"""PyTorch counterpart of Sharpgrad's `generative` bench workload (issue #15): ms per training step of
- vae_step: Kingma & Welling's MLP VAE 784-400-(2*20) / 20-400-784, ReLU, Bernoulli pixels (BCE with logits, summed
  over pixels), analytic KL, mean over the batch of 100, Adam 1e-3;
- dcgan_step: the DCGAN of src/Sharpgrad/Generative/Gan/Dcgan.cs with z of length 100 and 32 features, batch 64, one
  discriminator update (real and detached fake) then one generator update (non-saturating), Adam 2e-4 with beta1 = 0.5.
Data are random binary images, as in the C# workload. An epoch of 60000 images is 600 VAE steps and 938 DCGAN steps.
Prints one JSON line per measurement, like the reference script.

Usage: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/generative_step.py --threads 1
"""
import argparse, json, statistics, time
import torch
import torch.nn as nn
import torch.nn.functional as F

PIXELS, HIDDEN, LATENT, VAE_BATCH = 784, 400, 20, 100
Z, FEATURES, GAN_BATCH = 100, 32, 64


class Vae(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(PIXELS, HIDDEN), nn.ReLU(), nn.Linear(HIDDEN, 2 * LATENT))
        self.decoder = nn.Sequential(nn.Linear(LATENT, HIDDEN), nn.ReLU(), nn.Linear(HIDDEN, PIXELS))

    def loss(self, x):
        mu, log_var = self.encoder(x).chunk(2, dim=1)
        z = mu + torch.exp(0.5 * log_var) * torch.randn_like(mu)
        logits = self.decoder(z)
        log_px = -F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(1)
        kl = 0.5 * (mu * mu + log_var.exp() - 1 - log_var).sum(1)
        return (kl - log_px).mean()


def dcgan():
    g = nn.Sequential(
        nn.ConvTranspose2d(Z, 2 * FEATURES, 7, bias=False), nn.BatchNorm2d(2 * FEATURES), nn.ReLU(),
        nn.ConvTranspose2d(2 * FEATURES, FEATURES, 4, 2, 1, bias=False), nn.BatchNorm2d(FEATURES), nn.ReLU(),
        nn.ConvTranspose2d(FEATURES, 1, 4, 2, 1), nn.Tanh())
    d = nn.Sequential(
        nn.Conv2d(1, FEATURES, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(FEATURES, 2 * FEATURES, 4, 2, 1, bias=False), nn.BatchNorm2d(2 * FEATURES), nn.LeakyReLU(0.2),
        nn.Conv2d(2 * FEATURES, 1, 7), nn.Flatten(0))
    for net in (g, d):
        for name, p in net.named_parameters():
            if p.dim() > 1: nn.init.normal_(p, 0, 0.02)
            elif name.endswith("weight"): nn.init.normal_(p, 1, 0.02)
            else: nn.init.zeros_(p)
    return g, d


def median_ms(step):
    for _ in range(2):
        step()
    times = []
    for _ in range(5):
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1e3)
    return round(statistics.median(times), 4)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    a = parser.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)

    vae = Vae()
    vae_opt = torch.optim.Adam(vae.parameters(), lr=1e-3)
    images = (torch.rand(VAE_BATCH, PIXELS) < 0.5).float()

    def vae_step():
        loss = vae.loss(images)
        vae_opt.zero_grad()
        loss.backward()
        vae_opt.step()

    g, d = dcgan()
    g_opt = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    d_opt = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    real = (torch.rand(GAN_BATCH, 1, 28, 28) < 0.5).float() * 2 - 1

    def dcgan_step():
        fake = g(torch.randn(GAN_BATCH, Z, 1, 1))
        d_loss = F.softplus(-d(real)).mean() + F.softplus(d(fake.detach())).mean()
        d_opt.zero_grad()
        d_loss.backward()
        d_opt.step()
        g_loss = F.softplus(-d(fake)).mean()
        g_opt.zero_grad()
        g_loss.backward()
        g_opt.step()

    for name, step in (("vae_step", vae_step), ("dcgan_step", dcgan_step)):
        print(json.dumps({"workload": name, "value": median_ms(step), "unit": "ms", "threads": a.threads}), flush=True)


if __name__ == "__main__":
    main()
