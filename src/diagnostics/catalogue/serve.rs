//! Messages of `tuoyu serve`: the preview's address, rebuilds, and the error overlay.

crate::messages! {
    SERVE_URL = "serve-url" {
        zh: "预览地址：{url}",
        en: "Preview: {url}",
    }
    SERVE_HINT = "serve-hint" {
        zh: "网站只在内存中构建，不会写入 public/；保存 {content} 或 {themes} 里的文件后，打开的页面会自动刷新。按 Ctrl-C 停止预览。",
        en: "The site is built in memory only, never into public/; open pages reload when a file in {content} or {themes} is saved. Press Ctrl-C to stop.",
    }
    SERVE_PORT_TAKEN = "serve-port-taken" {
        zh: "端口 {port} 已被占用，改用端口 {other}",
        en: "port {port} is in use; using port {other} instead",
    }
    SERVE_NO_PORT = "serve-no-port" {
        zh: "无法在 {addr} 的端口 {first}–{last} 上启动预览：{error}；请用 --port 指定其他端口",
        en: "cannot start the preview on {addr} ports {first}–{last}: {error}; choose another port with --port",
    }
    SERVE_NOT_LOCAL = "serve-not-local" {
        zh: "注意：预览监听在 {addr} 上，同一网络中的其他电脑也能访问",
        en: "note: the preview listens on {addr}; other computers on the network can reach it",
    }
    SERVE_BUILT = "serve-built" {
        zh: "已构建（{ms} 毫秒，{files} 个文件）",
        en: "built ({ms} ms, {files} files)",
    }
    SERVE_REBUILT = "serve-rebuilt" {
        zh: "已重新构建（{ms} 毫秒）",
        en: "rebuilt ({ms} ms)",
    }
    SERVE_FAILED = "serve-failed" {
        zh: "内容有错误，网站未更新（{ms} 毫秒）：预览仍显示上次成功构建的网站，每个页面顶部列出这些错误",
        en: "the content has errors; the site was not updated ({ms} ms): the preview keeps the last good site and lists the errors on top of every page",
    }
    SERVE_OTHER_FAILED = "serve-other-failed" {
        zh: "构建失败：{error}",
        en: "the build failed: {error}",
    }
    SERVE_WATCH_FAILED = "serve-watch-failed" {
        zh: "无法监视 {dir} 的变化：{error}",
        en: "cannot watch {dir} for changes: {error}",
    }
    SERVE_OPEN_FAILED = "serve-open-failed" {
        zh: "无法自动打开浏览器（{error}）；请手动打开 {url}",
        en: "cannot open a browser ({error}); open {url} yourself",
    }
    OVERLAY_TITLE = "serve-overlay-title" {
        zh: "内容有 {errors} 个错误，网站未更新",
        en: "The content has {errors} error(s); the site was not updated",
    }
    OVERLAY_FAILED = "serve-overlay-failed" {
        zh: "构建失败，网站未更新",
        en: "The build failed; the site was not updated",
    }
    OVERLAY_KEPT = "serve-overlay-kept" {
        zh: "下面显示的是上次成功构建的网站。改正错误并保存后，本提示会自动消失。",
        en: "Below is the last site that built. Fix the errors and save: this notice then goes away by itself.",
    }
    OVERLAY_NOTHING_YET = "serve-overlay-nothing-yet" {
        zh: "还没有成功构建过网站。改正错误并保存后，页面会自动显示网站。",
        en: "No site has built yet. Fix the errors and save: the site then appears by itself.",
    }
    OVERLAY_HELP = "serve-overlay-help" {
        zh: "提示：{help}",
        en: "help: {help}",
    }
    OVERLAY_MORE = "serve-overlay-more" {
        zh: "还有 {n} 个错误未列出，请看运行 tuoyu serve 的窗口或运行 tuoyu check",
        en: "{n} more error(s) not listed: see the window running tuoyu serve, or run tuoyu check",
    }
    OVERLAY_LABEL = "serve-overlay-label" {
        zh: "内容错误",
        en: "Content errors",
    }
}
