// Two-click video: nothing is loaded from the provider until the learner asks for it.
document.querySelectorAll("[data-video]").forEach(function (video) {
    var button = video.querySelector("[data-video-load]");
    var embed = video.querySelector("[data-video-embed]");
    var player = video.querySelector("[data-video-player]");
    if (!button || !embed || !player) return;
    button.hidden = false;
    button.addEventListener("click", function () {
        player.appendChild(embed.content.cloneNode(true));
        var title = video.querySelector(".video__title");
        player.querySelectorAll("iframe").forEach(function (frame) {
            if (!frame.title && title) frame.title = title.textContent;
        });
        var consent = video.querySelector("[data-video-consent]");
        if (consent) consent.remove();
        player.focus();
    });
});
