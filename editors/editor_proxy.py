"""deploy/editor-server.nginx.conf, the nginx in front of `invoke editor-server` (issue 26): its
request body limit and its refusal of a save too large, written from the editor's own limits
(EDITOR_MAX_SAVE_MB, EDITOR_MAX_FILE_MB), so nginx lets through every save the editor takes and
tells the editor's words when it refuses one."""

from __future__ import annotations

import json
import re
from typing import Any

from publishing.deploy import DeployError

from .editor import SMALLER, Limits, MiB, megabytes

_BODY_LINE = re.compile(r"(?m)^(\s*client_max_body_size )[^;]*(;)")
_TOO_LARGE_LINE = re.compile(r"(?m)^(\s*return 413 ')[^']*(';)")


def body_limit(settings: dict[str, Any]) -> str:
    """nginx's client_max_body_size: a whole save as the CMS sends it (Limits.max_request), in
    whole megabytes rounded up."""
    return f"{-(-Limits.from_settings(settings).max_request // MiB)}m"


def too_large_reply(settings: dict[str, Any]) -> str:
    """The JSON body of nginx's 413, worded as the editor words its own refusals."""
    limits = Limits.from_settings(settings)
    message = (
        f"Lần lưu này quá lớn: tối đa {megabytes(limits.max_save)} tệp mỗi lần lưu, "
        f"{megabytes(limits.max_file)} mỗi tệp. {SMALLER}"
    )
    reply = json.dumps({"error": message}, ensure_ascii=False)
    if "'" in reply or "\\" in reply:  # would end or escape nginx's quoted string
        raise DeployError(f"thông báo không ghi được vào cấu hình nginx: {reply}")
    return reply


def editor_proxy_config(config: str, settings: dict[str, Any]) -> str:
    """deploy/editor-server.nginx.conf with its body limit and 413 reply set from `settings`."""
    for line, name in ((_BODY_LINE, "client_max_body_size"), (_TOO_LARGE_LINE, "return 413 '…'")):
        if len(line.findall(config)) != 1:
            raise DeployError(f"deploy/editor-server.nginx.conf phải có đúng một dòng '{name};'")
    config = _BODY_LINE.sub(lambda m: m.group(1) + body_limit(settings) + m.group(2), config)
    return _TOO_LARGE_LINE.sub(lambda m: m.group(1) + too_large_reply(settings) + m.group(2), config)
