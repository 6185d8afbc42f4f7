console.debug('charcha');
