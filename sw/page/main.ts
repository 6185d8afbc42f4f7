console.debug("charcha");
