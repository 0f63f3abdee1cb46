"""``complaint-central serve`` as its own process: plain HTTP, and HTTPS with --tls-cert/--tls-key."""

from __future__ import annotations

import ipaddress
import socket
import ssl
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from central.store.db import StoreConfig
from tests.central.conftest import cli_store_args

CENTRAL = str(Path(sys.executable).with_name("complaint-central"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(args: list[str]) -> Iterator[tuple[int, list[str]]]:
    """Run ``complaint-central ... serve`` until uvicorn says it listens; yields the port and its stderr so far."""
    port = _free_port()
    process = subprocess.Popen([CENTRAL, *args, "serve", "--port", str(port)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
    lines: list[str] = []
    try:
        assert process.stderr is not None
        for line in process.stderr:
            lines.append(line)
            if "Uvicorn running on" in line:
                break
        else:
            pytest.fail(f"the service did not start: {''.join(lines)}")
        yield port, lines
    finally:
        process.terminate()
        process.wait(30)
        if process.stderr:
            process.stderr.close()


def test_serve_runs_the_service_on_its_store(store_config: StoreConfig) -> None:
    with serving(cli_store_args(store_config)) as (port, _lines):
        health = httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=30)
        assert health.json() == {"status": "ok", "contract": 1}
        assert httpx.get(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=30).status_code == 200


def _self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "central.test")])
    now = datetime.now(timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(minutes=1))
            .not_valid_after(now + timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def test_serve_with_tls(tmp_path: Path) -> None:
    cert, key = _self_signed(tmp_path)
    port = _free_port()
    process = subprocess.Popen([CENTRAL, "--data-dir", str(tmp_path / "central"), "serve", "--port", str(port),
                                "--tls-cert", str(cert), "--tls-key", str(key)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
    try:
        assert process.stderr is not None
        for line in process.stderr:
            if "Uvicorn running on" in line:
                assert "https://" in line
                break
        else:
            pytest.fail("the TLS service did not start")
        with httpx.Client(verify=ssl.create_default_context(cafile=str(cert)), timeout=30) as client:
            assert client.get(f"https://127.0.0.1:{port}/api/v1/health").json()["status"] == "ok"
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"https://127.0.0.1:{port}/api/v1/health", timeout=30)   # not trusted without the cert
    finally:
        process.terminate()
        process.wait(30)
        if process.stderr:
            process.stderr.close()
